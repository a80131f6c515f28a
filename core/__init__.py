"""The pure core: text folding, site keys, places, register-number formats, network address rules.

Imports nothing of ours; every other layer may import it."""

__version__ = "0.1.0"
