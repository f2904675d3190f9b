"""Learning sets, challenge teams and mixing plans; the pure engine lives in engine/."""
