"""Where a plan with no repeated pair is known to exist, up to 60 people in equal groups.

KNOWN maps (people, group size) to the most rounds known possible with no pair meeting twice
and where that is established; any fewer rounds follow by dropping rounds. Only groups of size
k <= groups appear: with more, a second round must repeat a pair (pigeonhole). Sources:

- round robin: a 1-factorisation of the complete graph on n (n even) points, n-1 rounds;
- Kirkman triple systems, v = 3 (mod 6), (v-1)/2 rounds (Ray-Chaudhuri and Wilson 1971);
- nearly Kirkman triple systems, v = 0 (mod 6), v >= 18, (v-2)/2 rounds (Baker and Wilson
  1977; Rees and Stinson 1987); 12 in threes: 4 rounds, 5 is impossible (no NKTS(12));
- resolvable (v, 4, 1) designs, v = 4 (mod 12), (v-1)/3 rounds (Hanani, Ray-Chaudhuri and
  Wilson 1972); affine planes, q*q in groups of q, q+1 rounds;
- resolvable transversal designs from k-1 mutually orthogonal Latin squares of order g:
  g rounds of g groups of k (CRC Handbook, MOLS table: N(12) >= 5, N(14) >= 3, N(15) >= 4);
  g groups of k <= g always have 2 rounds (a Latin rectangle);
- social golfer instances solved in the literature: 8-4-10 (Aguado 2004; Triska and Musliu
  2012), 6-4-7 and 6-5-5 (Harvey's and Sellmann's tables of solved instances, c. 2002);
  6-6-3 (6-6-4 would need two orthogonal Latin squares of order 6, which do not exist).

Cases where a larger number of rounds is open are listed with the rounds established, not with
the upper bound: 10 groups of 5 are known here only for 2 rounds, and 45 people in fives for 9
(orthogonal Latin squares of order 9). Eleven rounds of 45 in fives would be a resolvable
(45, 5, 1) design, and whether one exists is open: v = 45 is among the possible exceptions for
resolvable (v, 5, 1) designs (Abel, Ge, Greig and Zhu 2001; CRC Handbook of Combinatorial
Designs, 2nd ed.). A 10th round cannot follow the 9 Latin-square rounds, whose only unmet pairs
lie within the 5 sets of 9 people never seated together.
"""

from __future__ import annotations

from typing import NamedTuple


class Known(NamedTuple):
    rounds: int
    source: str


ROUND_ROBIN = "round robin"
KIRKMAN = "Kirkman triple system"
NEARLY_KIRKMAN = "nearly Kirkman triple system"
RESOLVABLE = "resolvable design, every pair once"
AFFINE = "affine plane"
LATIN = "orthogonal Latin squares"
RECTANGLE = "Latin rectangle"
GOLFER = "solved social golfer instance"


def _table() -> dict[tuple[int, int], Known]:
    table: dict[tuple[int, int], Known] = {}
    for n in range(4, 61, 2):
        table[n, 2] = Known(n - 1, ROUND_ROBIN)
    for n in range(9, 61, 6):
        table[n, 3] = Known((n - 1) // 2, KIRKMAN)
    for n in range(18, 61, 6):
        table[n, 3] = Known((n - 2) // 2, NEARLY_KIRKMAN)
    table[12, 3] = Known(4, GOLFER)
    for q in (4, 5, 7):
        table[q * q, q] = Known(q + 1, AFFINE)
    for n in (28, 40, 52):
        table[n, 4] = Known((n - 1) // 3, RESOLVABLE)
    # g groups of k from k-1 orthogonal Latin squares of order g (prime powers, 12, 14, 15).
    latin = {5: (4,), 7: (5, 6), 8: (5, 6, 7), 9: (4, 5, 6), 11: (4, 5), 12: (4, 5), 14: (4,)}
    latin[15] = (4,)
    for g, sizes in latin.items():
        for k in sizes:
            table[g * k, k] = Known(g, LATIN)
    table[24, 4] = Known(7, GOLFER)
    table[32, 4] = Known(10, GOLFER)
    table[30, 5] = Known(5, GOLFER)
    table[36, 6] = Known(3, GOLFER)
    for n, k in ((50, 5), (60, 6)):
        table[n, k] = Known(2, RECTANGLE)
    return table


KNOWN: dict[tuple[int, int], Known] = _table()


def known_rounds(people: int, size: int) -> int:
    """The most rounds known possible with no repeated pair (1 when nothing better is known)."""
    return KNOWN.get((people, size), Known(1, "")).rounds
