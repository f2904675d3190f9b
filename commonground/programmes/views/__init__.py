"""Pages of the programmes app, one module per concept."""
