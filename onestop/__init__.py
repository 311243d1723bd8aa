"""OneStop: service management for organisations whose job is serving people."""
