"""Behaviour: call sites found while a file is parsed, resolved across the repository once every
file is analysed, then ranked (PageRank) and traced into flows and extension points."""
