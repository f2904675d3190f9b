"""Sign-in accounts, personal API tokens and the rule that staff use two factors."""
