// Package cache is asynclint's on-disk result cache, as ruff's
// .ruff_cache: a second `asynclint check` over an unchanged tree replays
// the first run's findings without parsing anything, and after an edit
// only the files the edit can affect are checked again.
//
// What a result depends on, and so what keys it:
//
//   - the binary (Version: a format constant and a hash of the
//     executable), the configuration that affects findings, the paths
//     as given and the working directory (both shape the paths shown)
//     (the driver's run key);
//   - every input file's content (Manifest: size and modification time
//     as a shortcut, as ruff does; the content hash decides);
//   - the installed libraries the run read (Stamps of the site
//     directories and of every installed file read).
//
// Why a partial re-check is identical to a full one. A file's findings
// depend on the file, on what it imports and calls (transitively), and on
// who imports it: whether the frontend lowers a module depends on its
// importers, and a finding grouped at a shared root (Diagnostic.Cause)
// lists call sites in importers. All of that crosses files only through
// an import. So the files are split into Components, the connected parts
// of the undirected graph "file A may import file B", where "may import"
// over-approximates the frontend's resolution (ImportNames, Graph). No
// import crosses two components, so the run over a union of components
// gives, for those files, exactly what the run over every file gives —
// provided the installed libraries add nothing shared: a component is
// reused only when the run that stored it read no installed file;
// otherwise every change re-checks everything. A component whose
// members (paths and content hashes) are unchanged keeps its stored
// findings; the others are checked again, together.
//
// The stdlib is the hard case: nearly every module imports os, re or
// another module that async code calls into, so its 1,786 files make one
// component (with two singletons), and an edit there re-checks the whole
// tree; a tree of separate packages or independent scripts re-checks
// only the part edited.
//
// Using it from a driver: driver.Options.Cache runs any Python-only
// check through it (the command line does); Open, Load and Store are
// the whole storage API, and Manifest and Components are usable alone —
// a language server can start from driver.Run with a Cache for its
// workspace (unchanged files replay), then check edits without it (the
// cache keys files on disk, not editor buffers).
//
// Bounds: each run key has one entry file; the directory keeps at most
// MaxEntries entries and MaxBytes bytes, dropping the least recently used
// (Store). Writes are atomic (internal/atomicfile), so two runs sharing
// a directory each read a whole entry or none; an entry that does not
// decode is ignored.
package cache
