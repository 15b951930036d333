"""Files and time: the programme YAML with its lines, the live state file, noticing saves, the
clock. The only layer that touches the disk or reads the time."""
