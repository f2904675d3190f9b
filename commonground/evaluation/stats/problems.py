"""Every problem found in an input file, collected so they can all be fixed in one go."""

MAX_PROBLEMS = 50


class InvalidInput(Exception):
    """An input file that cannot be used; `problems` lists why, one sentence each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = tuple(problems)


class Problems:
    """Collects problem messages up to a cap, counting the ones past it."""

    def __init__(self, cap: int = MAX_PROBLEMS) -> None:
        self.cap = cap
        self.found: list[str] = []
        self.total = 0

    def add(self, message: str) -> None:
        self.total += 1
        if len(self.found) < self.cap:
            self.found.append(message)

    def raise_if_any(self) -> None:
        if self.total > len(self.found):
            self.found.append(f"... and {self.total - len(self.found)} more problems.")
        if self.found:
            raise InvalidInput(self.found)
