"""The demonstration case: `case` imports it once into an empty database, `pipeline`
screens, assesses and annotates it against the shipped list excerpts on first run."""
