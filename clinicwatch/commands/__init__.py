"""The `clinicwatch` subcommands, one module per area."""
