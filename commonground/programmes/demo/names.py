"""Invented people: common UK first names and surnames, combined at random, each name used once."""

from __future__ import annotations

import random
import re


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES = _words(
    """
    Aisha Alan Alison Amanda Amir Andrew Angela Anna Anthony Asif Barbara Ben Beverley Bola
    Caroline Catherine Charlotte Chloe Chris Claire Colin Craig Daniel Darren Dawn Deborah Dean
    Denise Dipa Donna Duncan Eleanor Elizabeth Emma Faisal Fiona Frances Gareth Gemma Graham
    Hannah Harjit Helen Ian Imran Jacqueline James Jane Jason Jennifer Jessica Joanne John
    Jonathan Julie Karen Kate Katherine Keith Kelly Kerry Kevin Laura Lee Leanne Lisa Louise
    Lucy Mark Martin Matthew Michelle Mohammed Natalie Neil Nicola Nina Nisha Oliver Olu
    Patrick Paul Paula Peter Priya Rachel Rebecca Richard Robert Ruth Sadia Samantha Sarah
    Scott Shabana Sharon Simon Sophie Stephen Stuart Susan Tanya Thomas Tracey Victoria Wayne
    Yasmin Zoe
    """
)

SURNAMES = _words(
    """
    Adams Ahmed Akhtar Allen Anderson Armstrong Atkinson Bailey Baker Barker Barnes Begum Bell
    Bennett Bird Bishop Bradley Brooks Burton Butler Carter Chapman Chen Clarke Cole Collins
    Cooper Cox Davies Dawson Dixon Doherty Edwards Ellis Evans Fisher Fletcher Ford Foster Fox
    Gibson Graham Grant Gray Green Griffiths Hall Harris Harrison Hart Hayes Hill Holmes Hughes
    Hunt Hussain Jackson James Jenkins Jones Kaur Kelly Kennedy Khan King Knight Lane Lawrence
    Lee Lewis Lloyd Marshall Martin Mason Matthews Mills Mitchell Moore Morgan Morris Murphy
    Murray Nowak O'Brien O'Neill Okafor Owen Palmer Parker Patel Payne Pearce Phillips Powell
    Price Quinn Rahman Reid Reynolds Richards Roberts Robinson Rogers Rose Russell Saunders
    Scott Shah Sharma Shaw Simpson Singh Spencer Stevens Stone Sutton Taylor Thomas Thompson
    Turner Walker Wallace Walsh Ward Watson Webb Wells West White Wilkinson Williams Wilson
    Wood Wright Young
    """
)


def mailbox(first: str, last: str) -> str:
    """The part of an email address before the @: first.last in lower case, letters only."""
    return ".".join(re.sub(r"[^a-z]", "", part.lower()) for part in (first, last))


class NameBook:
    """Hands out invented names, never the same full name twice in one demo."""

    def __init__(self) -> None:
        self.used: set[tuple[str, str]] = set()

    def take(self, rng: random.Random) -> tuple[str, str]:
        while True:
            name = (rng.choice(FIRST_NAMES), rng.choice(SURNAMES))
            if name not in self.used:
                self.used.add(name)
                return name
