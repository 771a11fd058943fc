"""A stand-in for the DashScope image-synthesis service, used by every test that talks HTTP.

It speaks the real wire protocol (task creation, polling, cancel, temporary upload, result
downloads) over loopback, so the product's client and the official SDK can both be run against
it, and it can be told to misbehave in the ways the real service does (see `faults.py`).
"""
