"""The evaluation instrument: themes of indicators, statements to agree with, free text."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Scale:
    """The answers allowed: a Likert scale 1..len(labels), or a 0-100 slider when unlabelled."""

    minimum: float
    maximum: float
    labels: tuple[str, ...] = ()

    @classmethod
    def likert(cls, labels: tuple[str, ...]) -> "Scale":
        return cls(minimum=1, maximum=len(labels), labels=labels)

    @classmethod
    def percent(cls) -> "Scale":
        return cls(minimum=0, maximum=100)

    @property
    def is_likert(self) -> bool:
        return bool(self.labels)

    def describe(self) -> str:
        return f"{self.minimum:g}-{self.maximum:g}"


@dataclass(frozen=True)
class Indicator:
    """One thing a leader does, worded for the participant and for the people who rate them."""

    id: str
    self_wording: str
    rater_wording: str
    scale: Scale


@dataclass(frozen=True)
class Theme:
    """A group of indicators on one scale, so their mean is a theme score."""

    id: str
    title: str
    indicators: tuple[Indicator, ...]


@dataclass(frozen=True)
class Statement:
    """A reaction ("I learnt valuable things") or an outcome, answered on an agreement scale."""

    id: str
    wording: str
    scale: Scale
    kind: str


@dataclass(frozen=True)
class FreeTextQuestion:
    """A question answered in the participant's own words."""

    id: str
    wording: str


@dataclass(frozen=True)
class Instrument:
    """Everything one programme's evaluation asks."""

    title: str
    themes: tuple[Theme, ...]
    statements: tuple[Statement, ...] = ()
    free_text: tuple[FreeTextQuestion, ...] = ()

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        return tuple(i for theme in self.themes for i in theme.indicators)

    def scales(self) -> dict[str, Scale]:
        """The scale of every rated question, by its id (the responses' column name)."""
        rated = {i.id: i.scale for i in self.indicators}
        return rated | {s.id: s.scale for s in self.statements}
