"""Two coaches editing one record: the EditConflict and the rules to compare and merge."""
