package main

import (
	"encoding/json"
	"fmt"
	"time"
)

// Shape is what one direction of the link does to the packets crossing it.
type Shape struct {
	RateKbps float64 `json:"rateKbps"` // 0: no limit
	DelayMs  float64 `json:"delayMs"`  // one way, on top of the time spent queued and sent
	Loss     float64 `json:"loss"`     // fraction of packets lost at random, 0 to 1
	QueueMs  float64 `json:"queueMs"`  // a packet that would wait longer than this to be sent is dropped (like tbf's latency)
}

// Conditions of the whole link. Up: from device A (the constrained participant) to device B.
type Conditions struct {
	Up   Shape `json:"up"`
	Down Shape `json:"down"`
	Cut  bool  `json:"cut"` // drops everything, including what is already on its way
}

var openLink = Conditions{Up: Shape{QueueMs: 500}, Down: Shape{QueueMs: 500}}

// update returns the conditions after a JSON change: fields the change leaves out keep their
// value, so {"cut":true} or {"up":{"loss":0.1}} change only that.
func (c Conditions) update(change []byte) (Conditions, error) {
	next := c
	if err := json.Unmarshal(change, &next); err != nil {
		return c, err
	}
	for name, shape := range map[string]Shape{"up": next.Up, "down": next.Down} {
		if err := shape.check(); err != nil {
			return c, fmt.Errorf("%s: %w", name, err)
		}
	}
	return next, nil
}

func (s Shape) check() error {
	switch {
	case s.RateKbps < 0 || s.DelayMs < 0 || s.QueueMs < 0:
		return fmt.Errorf("rateKbps, delayMs and queueMs must not be negative")
	case s.Loss < 0 || s.Loss > 1:
		return fmt.Errorf("loss must be between 0 and 1")
	}
	return nil
}

func millis(ms float64) time.Duration { return time.Duration(ms * float64(time.Millisecond)) }

// schedule places a packet of size bytes arriving at now on a wire that is busy until free:
// it returns when the wire is free again and when the packet reaches the other end, or ok
// false when the queue already holds more than QueueMs.
func (s Shape) schedule(size int, now, free time.Time) (nextFree, arrival time.Time, ok bool) {
	start := now
	if s.RateKbps > 0 {
		if free.After(now) {
			if free.Sub(now) > millis(s.QueueMs) {
				return free, time.Time{}, false
			}
			start = free
		}
		start = start.Add(time.Duration(float64(size*8) / (s.RateKbps * 1000) * float64(time.Second)))
	}
	return start, start.Add(millis(s.DelayMs)), true
}
