package main

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
)

// FerretDB v1 applies an update by reading the document, changing it in Go and writing it back,
// with nothing stopping another write in between: 100 concurrent $inc on one document left 13.
// The server relies on single-document atomic updates ($inc counters, $push, version-checked
// $set), so this proxy sits between the server and FerretDB and lets one write command at a
// time through, from its request until its answer. Reads pass freely; SQLite keeps one writer
// at a time anyway.

const (
	opMsg          = 2013
	headerSize     = 16
	maxMessageSize = 48 << 20
	flagChecksum   = 1 << 0
	flagMoreToCome = 1 << 1
)

// Commands that change documents: their read-modify-write must not interleave.
var writeCommands = map[string]bool{"insert": true, "update": true, "delete": true, "findAndModify": true}

// serveWriteLocked accepts connections on listener and pipes each to FerretDB's own socket.
func serveWriteLocked(listener net.Listener, backendSocket string) error {
	var writes sync.Mutex
	for {
		client, err := listener.Accept()
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return nil
			}
			return err
		}
		go pipe(client, backendSocket, &writes)
	}
}

// awaited is the write whose answer the client side waits for, if any.
type awaited struct {
	mu        sync.Mutex
	requestID int32
	answered  chan struct{}
}

func (a *awaited) expect(requestID int32) <-chan struct{} {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.requestID, a.answered = requestID, make(chan struct{})
	return a.answered
}

func (a *awaited) answer(responseTo int32) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.answered != nil && a.requestID == responseTo {
		close(a.answered)
		a.answered = nil
	}
}

func pipe(client net.Conn, backendSocket string, writes *sync.Mutex) {
	defer client.Close()
	backend, err := net.Dial("unix", backendSocket)
	if err != nil {
		return
	}
	defer backend.Close()

	var pending awaited
	backendGone := make(chan struct{})
	go func() {
		defer close(backendGone)
		defer client.Close()
		for {
			message, err := readMessage(backend)
			if err != nil {
				return
			}
			if _, err := client.Write(message); err != nil {
				return
			}
			pending.answer(int32(binary.LittleEndian.Uint32(message[8:12])))
		}
	}()

	for {
		message, err := readMessage(client)
		if err != nil {
			return
		}
		if !isAnsweredWrite(message) {
			if _, err := backend.Write(message); err != nil {
				return
			}
			continue
		}
		writes.Lock()
		answered := pending.expect(int32(binary.LittleEndian.Uint32(message[4:8])))
		_, err = backend.Write(message)
		if err == nil {
			select {
			case <-answered:
			case <-backendGone:
				err = io.ErrUnexpectedEOF
			}
		}
		writes.Unlock()
		if err != nil {
			return
		}
	}
}

// readMessage reads one whole wire-protocol message, header included.
func readMessage(r io.Reader) ([]byte, error) {
	var header [4]byte
	if _, err := io.ReadFull(r, header[:]); err != nil {
		return nil, err
	}
	size := int(int32(binary.LittleEndian.Uint32(header[:])))
	if size < headerSize || size > maxMessageSize {
		return nil, fmt.Errorf("message of %d bytes", size)
	}
	message := make([]byte, size)
	copy(message, header[:])
	if _, err := io.ReadFull(r, message[4:]); err != nil {
		return nil, err
	}
	return message, nil
}

// isAnsweredWrite tells an OP_MSG write command that expects an answer.
func isAnsweredWrite(message []byte) bool {
	if len(message) < headerSize+4 || binary.LittleEndian.Uint32(message[12:16]) != opMsg {
		return false
	}
	flags := binary.LittleEndian.Uint32(message[16:20])
	if flags&flagMoreToCome != 0 {
		return false
	}
	end := len(message)
	if flags&flagChecksum != 0 {
		end -= 4
	}
	return writeCommands[commandName(message[20:end])]
}

// commandName is the first key of the body section (kind 0) of an OP_MSG.
func commandName(sections []byte) string {
	for len(sections) > 5 {
		kind := sections[0]
		size := int(int32(binary.LittleEndian.Uint32(sections[1:5])))
		if size < 5 || size+1 > len(sections) {
			return ""
		}
		if kind == 0 {
			document := sections[1 : 1+size]
			// int32 length, element type, key as a NUL-terminated string.
			if len(document) < 6 || document[4] == 0 {
				return ""
			}
			for i := 5; i < len(document); i++ {
				if document[i] == 0 {
					return string(document[5:i])
				}
			}
			return ""
		}
		sections = sections[1+size:]
	}
	return ""
}
