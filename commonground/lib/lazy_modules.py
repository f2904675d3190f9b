"""Heavy libraries loaded when first used rather than when the site starts.

OR-Tools' constraint solver brings pandas with it: about 86 MB in every process that imports it.
Only the processes that build a grouping, a selection or a proof need it, so a web worker or the
report worker that never solves anything should not carry it. A module bound with `lazy` is
imported on its first attribute access; type checkers see the real module:

    if TYPE_CHECKING:
        from ortools.sat.python import cp_model
    else:
        cp_model = lazy("ortools.sat.python.cp_model")

Plain Python (no Django), so the engines may use it.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType


def lazy(name: str) -> ModuleType:
    """The module `name`, imported when one of its attributes is first read (the same module
    object as `import name` gives, once loaded)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"No module named {name!r}", name=name)
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    return module
