package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Counters of one direction, read while it runs.
type Counters struct {
	Forwarded  uint64  `json:"forwarded"`
	Lost       uint64  `json:"lost"`       // random loss
	QueueDrops uint64  `json:"queueDrops"` // tail drops from a full queue
	CutDrops   uint64  `json:"cutDrops"`   // dropped while the link was cut
	Failed     uint64  `json:"failed"`     // the receiving device refused them (e.g. it was down)
	QueuedMs   float64 `json:"queuedMs"`   // time packets admitted waited in the queue, summed
}

type packet struct {
	data    []byte
	arrival time.Time
}

// direction carries packets from one device to the other: one reader places them on the
// emulated wire, one writer hands them over when they arrive, in the order they came.
type direction struct {
	name    string // of the device it reads from
	in, out int

	mu    sync.Mutex
	shape Shape
	cut   bool
	free  time.Time // when the wire has sent all it holds

	inFlight chan packet

	forwarded, lost, queueDrops, cutDrops, failed atomic.Uint64
	queuedMicros                                  atomic.Uint64
}

// Enough for seconds of delay at tens of Mbit/s; beyond it packets are tail-dropped.
const maxInFlight = 1 << 14

func newDirection(name string, in, out int) *direction {
	return &direction{name: name, in: in, out: out, inFlight: make(chan packet, maxInFlight)}
}

func (d *direction) set(shape Shape, cut bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.shape, d.cut = shape, cut
}

func (d *direction) isCut() bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.cut
}

func (d *direction) run() {
	go d.read()
	go d.write()
}

func (d *direction) read() {
	buf := make([]byte, 65536)
	for {
		n, err := syscall.Read(d.in, buf)
		// A TUN device's reads fail with EFAULT once it is unregistered, e.g. with its namespace.
		if err == syscall.EFAULT || err == syscall.EBADFD {
			fmt.Fprintf(os.Stderr, "linkemu: %s was removed, stopping\n", d.name)
			os.Exit(0)
		}
		check(err)
		d.admit(append([]byte(nil), buf[:n]...), time.Now())
	}
}

// admit decides, as a packet comes in, whether it goes on the wire and when it arrives.
func (d *direction) admit(data []byte, now time.Time) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.cut {
		d.cutDrops.Add(1)
		return
	}
	free, arrival, ok := d.shape.schedule(len(data), now, d.free)
	if !ok {
		d.queueDrops.Add(1)
		return
	}
	if wait := d.free.Sub(now); wait > 0 {
		d.queuedMicros.Add(uint64(wait.Microseconds()))
	}
	d.free = free
	// Lost on the wire: it took its share of the rate all the same.
	if d.shape.Loss > 0 && rand.Float64() < d.shape.Loss {
		d.lost.Add(1)
		return
	}
	select {
	case d.inFlight <- packet{data, arrival}:
	default:
		d.queueDrops.Add(1)
	}
}

func (d *direction) write() {
	for p := range d.inFlight {
		time.Sleep(time.Until(p.arrival))
		if d.isCut() {
			d.cutDrops.Add(1)
			continue
		}
		if _, err := syscall.Write(d.out, p.data); err != nil {
			d.failed.Add(1)
			continue
		}
		d.forwarded.Add(1)
	}
}

func (d *direction) counters() Counters {
	return Counters{d.forwarded.Load(), d.lost.Load(), d.queueDrops.Load(), d.cutDrops.Load(), d.failed.Load(), float64(d.queuedMicros.Load()) / 1000}
}

// Link joins device A and device B.
type Link struct {
	up, down *direction

	mu         sync.Mutex
	conditions Conditions
}

// newLink starts open: no rate limit, no delay, no loss.
func newLink(a, b device) *Link {
	l := &Link{up: newDirection(a.name, a.fd, b.fd), down: newDirection(b.name, b.fd, a.fd), conditions: openLink}
	l.up.set(openLink.Up, openLink.Cut)
	l.down.set(openLink.Down, openLink.Cut)
	return l
}

func (l *Link) run() {
	l.up.run()
	l.down.run()
}

// change applies a JSON change to the conditions and returns those now in force.
func (l *Link) change(change []byte) (Conditions, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	next, err := l.conditions.update(change)
	if err != nil {
		return l.conditions, err
	}
	l.conditions = next
	l.up.set(next.Up, next.Cut)
	l.down.set(next.Down, next.Cut)
	return next, nil
}

// Stats of both directions.
type Stats struct {
	Up   Counters `json:"up"`
	Down Counters `json:"down"`
}

func (l *Link) stats() Stats { return Stats{l.up.counters(), l.down.counters()} }
