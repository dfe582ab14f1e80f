package main

import (
	"encoding/binary"
	"fmt"
	"syscall"
	"unsafe"
)

type device struct {
	name string
	fd   int
}

// openTun creates the TUN device name. IFF_NO_PI: reads and writes are bare IP packets, so the
// link sees (and charges for) exactly what goes on the wire. The device lives as long as the
// descriptor: it vanishes when the emulator exits.
func openTun(name string) (device, error) {
	if len(name) == 0 || len(name) >= syscall.IFNAMSIZ {
		return device{}, fmt.Errorf("device name %q: must have 1 to %d characters", name, syscall.IFNAMSIZ-1)
	}
	fd, err := syscall.Open("/dev/net/tun", syscall.O_RDWR|syscall.O_CLOEXEC, 0)
	if err != nil {
		return device{}, fmt.Errorf("open /dev/net/tun: %w", err)
	}
	// struct ifreq: the name, then ifr_flags in the union that follows it.
	var req [40]byte
	copy(req[:syscall.IFNAMSIZ], name)
	binary.NativeEndian.PutUint16(req[syscall.IFNAMSIZ:], syscall.IFF_TUN|syscall.IFF_NO_PI)
	if _, _, errno := syscall.Syscall(syscall.SYS_IOCTL, uintptr(fd), syscall.TUNSETIFF, uintptr(unsafe.Pointer(&req[0]))); errno != 0 {
		syscall.Close(fd)
		return device{}, fmt.Errorf("TUNSETIFF %s: %w", name, errno)
	}
	return device{name, fd}, nil
}
