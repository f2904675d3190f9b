"""System challenges: problem statements, challenge teams, 100-day plans and showcases."""
