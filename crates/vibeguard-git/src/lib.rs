//! Change-aware scanning on gix (no shelling out to git): lines added since a revision,
//! the staged index, and every blob reachable from any ref, each scanned once.
