package main

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"net/url"
	"path/filepath"
	"time"

	_ "modernc.org/sqlite" // the database/sql driver FerretDB itself uses
)

// FerretDB v1 pushes a filter on `_id` down to SQLite as `_ferretdb_sjson->'$._id' = ?`, but
// the index it creates for `_id` is on `_ferretdb_sjson->"_id"`, an expression SQLite does not
// take for the same one: every lookup by `_id` parses every document of the collection (a ledger
// read 240 ms over ten years of attendance). This keeps, beside each collection's table, an index
// on the very expression FerretDB queries by, so those lookups are index searches. SQLite keeps
// the index up to date on every write; FerretDB's own metadata does not know it, and needs not.

const idIndexSuffix = "_oncoboard_id"

// keepIDIndexes indexes new collections' tables until ctx ends, checking every second.
func keepIDIndexes(ctx context.Context, dataDir string, logger *slog.Logger) {
	ticker := time.NewTicker(time.Second)
	defer ticker.Stop()
	for {
		files, err := filepath.Glob(filepath.Join(dataDir, "*.sqlite"))
		if err != nil {
			logger.Error("listing databases", "error", err)
		}
		for _, file := range files {
			if err := indexIDs(ctx, file); err != nil && ctx.Err() == nil {
				logger.Warn("indexing _id", "file", file, "error", err)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-ticker.C:
		}
	}
}

// indexIDs creates the missing `_id` indexes of one database file.
func indexIDs(ctx context.Context, file string) error {
	// mode=rw: a database dropped meanwhile is not created again.
	dsn := (&url.URL{Scheme: "file", Opaque: file, RawQuery: "mode=rw&_pragma=busy_timeout(10000)"}).String()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return err
	}
	defer db.Close()

	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_master AS t WHERE type = 'table'
		AND name NOT LIKE '\_ferretdb\_%' ESCAPE '\' AND name NOT LIKE 'sqlite\_%' ESCAPE '\'
		AND NOT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = t.name || ?)`, idIndexSuffix)
	if err != nil {
		return err
	}
	var tables []string
	for rows.Next() {
		var table string
		if err := rows.Scan(&table); err != nil {
			rows.Close()
			return err
		}
		tables = append(tables, table)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}

	for _, table := range tables {
		q := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %q ON %q (_ferretdb_sjson->'$._id')`, table+idIndexSuffix, table)
		if _, err := db.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	return nil
}
