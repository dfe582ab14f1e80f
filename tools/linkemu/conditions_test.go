package main

import (
	"testing"
	"time"
)

func TestScheduleSerialisesAtTheRate(t *testing.T) {
	shape := Shape{RateKbps: 100, DelayMs: 50, QueueMs: 500}
	now := time.Unix(0, 0)
	// 1250 bytes at 100 kbit/s: 100 ms on the wire, then 50 ms of delay.
	free, arrival, ok := shape.schedule(1250, now, now)
	if !ok || free.Sub(now) != 100*time.Millisecond || arrival.Sub(now) != 150*time.Millisecond {
		t.Fatalf("first packet: free %v, arrival %v, ok %v", free.Sub(now), arrival.Sub(now), ok)
	}
	// The next one waits for the first to be sent.
	free, arrival, _ = shape.schedule(1250, now, free)
	if free.Sub(now) != 200*time.Millisecond || arrival.Sub(now) != 250*time.Millisecond {
		t.Fatalf("second packet: free %v, arrival %v", free.Sub(now), arrival.Sub(now))
	}
}

func TestScheduleTailDropsBeyondTheQueue(t *testing.T) {
	shape := Shape{RateKbps: 100, QueueMs: 500}
	now := time.Unix(0, 0)
	if _, _, ok := shape.schedule(100, now, now.Add(500*time.Millisecond)); !ok {
		t.Fatal("a packet that waits exactly the queue's time is kept")
	}
	if _, _, ok := shape.schedule(100, now, now.Add(501*time.Millisecond)); ok {
		t.Fatal("a packet that would wait longer is dropped")
	}
}

func TestScheduleWithoutRateOnlyDelays(t *testing.T) {
	shape := Shape{DelayMs: 20}
	now := time.Unix(0, 0)
	free, arrival, ok := shape.schedule(1500, now, now.Add(time.Hour))
	if !ok || !free.Equal(now) || arrival.Sub(now) != 20*time.Millisecond {
		t.Fatalf("free %v, arrival %v, ok %v", free.Sub(now), arrival.Sub(now), ok)
	}
}

func TestUpdateKeepsWhatTheChangeLeavesOut(t *testing.T) {
	c, err := openLink.update([]byte(`{"up":{"rateKbps":150,"loss":0.05},"cut":true}`))
	if err != nil {
		t.Fatal(err)
	}
	c, err = c.update([]byte(`{"up":{"delayMs":100},"cut":false}`))
	if err != nil {
		t.Fatal(err)
	}
	want := Conditions{Up: Shape{RateKbps: 150, DelayMs: 100, Loss: 0.05, QueueMs: 500}, Down: Shape{QueueMs: 500}}
	if c != want {
		t.Fatalf("got %+v, want %+v", c, want)
	}
	if _, err := c.update([]byte(`{"down":{"loss":1.5}}`)); err == nil {
		t.Fatal("a loss above 1 is refused")
	}
}

func TestAdmitSumsTheQueuesWait(t *testing.T) {
	d := newDirection("a", -1, -1)
	d.set(Shape{RateKbps: 100, QueueMs: 500}, false)
	now := time.Now()
	// 1250 bytes at 100 kbit/s: the second packet, come at the same instant, waits 100 ms and the third 200.
	for range 3 {
		d.admit(make([]byte, 1250), now)
	}
	if queued := d.counters().QueuedMs; queued != 300 {
		t.Fatalf("queued %v ms, not 300", queued)
	}
}
