// Command oncoboard-ferretdb is OncoBoard's embedded database: FerretDB with its SQLite backend,
// reached only through a Unix socket in the data directory (owner-only), in front of which a
// proxy makes each write atomic (writelock.go), with its lookups by _id indexed (idindex.go). The OncoBoard server runs it as a child process;
// it exits when its standard input closes, so it never outlives the server, even after a crash.
//
// Usage: oncoboard-ferretdb DATA_DIR SOCKET_PATH
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/FerretDB/FerretDB/ferretdb"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: oncoboard-ferretdb DATA_DIR SOCKET_PATH")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func run(dataDir, socketPath string) error {
	dataDir, err := filepath.Abs(dataDir)
	if err != nil {
		return err
	}
	// Nobody but the server's own user may read the data or reach the socket.
	if err := os.MkdirAll(dataDir, 0o700); err != nil {
		return err
	}
	if err := os.Chmod(dataDir, 0o700); err != nil {
		return err
	}
	syscall.Umask(0o077)
	backendSocket := filepath.Join(dataDir, "ferretdb.sock")
	// Sockets left by a killed run would make the listeners fail.
	for _, path := range []string{socketPath, backendSocket} {
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			return err
		}
	}

	// synchronous(full): a commit is fsync'd to the write-ahead log before it is acknowledged,
	// so an acknowledged write survives the loss of the process and of the machine.
	sqliteURL := (&url.URL{
		Scheme:   "file",
		Opaque:   dataDir + "/",
		RawQuery: url.Values{"_pragma": {"synchronous(full)"}}.Encode(),
	}).String()

	// A lookup allocates its document several times over (SQLite's JSON, then FerretDB's), so at Go's
	// default the collector took a fifth of the database's CPU: three times the live heap before a
	// collection made lookups about 40 % faster for some 10 MiB more memory. GOGC still overrides it.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(300)
	}

	level := slog.LevelError
	if os.Getenv("FERRETDB_DEBUG") != "" {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	db, err := ferretdb.New(&ferretdb.Config{
		Listener:  ferretdb.ListenerConfig{Unix: backendSocket},
		Logger:    logger,
		Handler:   "sqlite",
		SQLiteURL: sqliteURL,
	})
	if err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGINT)
	defer stop()
	go func() {
		// The parent holds our stdin open; end of file means it is gone.
		_, _ = io.Copy(io.Discard, os.Stdin)
		stop()
	}()

	done := make(chan error, 1)
	go func() { done <- db.Run(ctx) }()
	go keepIDIndexes(ctx, dataDir, logger)
	if err := waitForSocket(ctx, backendSocket); err != nil {
		return err
	}
	listener, err := net.Listen("unix", socketPath)
	if err != nil {
		return err
	}
	go func() {
		<-ctx.Done()
		listener.Close()
	}()
	go func() {
		if err := serveWriteLocked(listener, backendSocket); err != nil {
			logger.Error("proxy stopped", "error", err)
			stop()
		}
	}()
	fmt.Printf("listening %s\n", socketPath)
	return <-done
}

func waitForSocket(ctx context.Context, path string) error {
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); {
		if info, err := os.Stat(path); err == nil && info.Mode()&os.ModeSocket != 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
	return fmt.Errorf("FerretDB did not open %s within 30 s", path)
}
