// Command linkemu joins two TUN devices with an emulated network link, each direction with
// its own rate, delay and random loss, and a switch that cuts the link. The network tests move
// device A into a namespace with a browser in it and leave device B beside the server: the
// browser then reaches the server only through the link, as through a hospital's network.
//
// It prints "ready" once both devices exist. Each line on stdin is answered by one line on
// stdout: {"stats":true} by the counters of both directions ({"stats":{...}}); any other line
// changes the conditions, as -conditions does, and is answered with those now in force
// ({"conditions":{...}}) or with {"error":"..."}. It exits when stdin closes, so it does not
// outlive the process that started it; its devices go with it.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
)

func main() {
	nameA := flag.String("a", "", "name of device A, the constrained side (up: from A to B)")
	nameB := flag.String("b", "", "name of device B, the server's side")
	initial := flag.String("conditions", "{}", `initial conditions, e.g. {"up":{"rateKbps":150,"delayMs":100,"loss":0.05},"down":{...},"cut":false}`)
	flag.Parse()

	a, err := openTun(*nameA)
	check(err)
	b, err := openTun(*nameB)
	check(err)
	link := newLink(a, b)
	_, err = link.change([]byte(*initial))
	check(err)
	link.run()
	fmt.Println("ready")
	control(link)
}

// control answers the lines on stdin until it closes.
func control(link *Link) {
	lines := bufio.NewScanner(os.Stdin)
	out := json.NewEncoder(os.Stdout)
	for lines.Scan() {
		var request struct{ Stats bool }
		if err := json.Unmarshal(lines.Bytes(), &request); err != nil {
			check(out.Encode(map[string]string{"error": err.Error()}))
			continue
		}
		if request.Stats {
			check(out.Encode(map[string]Stats{"stats": link.stats()}))
			continue
		}
		conditions, err := link.change(lines.Bytes())
		if err != nil {
			check(out.Encode(map[string]string{"error": err.Error()}))
			continue
		}
		check(out.Encode(map[string]Conditions{"conditions": conditions}))
	}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "linkemu:", err)
		os.Exit(1)
	}
}
