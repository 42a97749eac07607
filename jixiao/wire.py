"""One workbook's results as bytes, cheap to make, to send and to take back (issue #18).

A batch worker sends the main process, per workbook, its forms (``Loaded``/``SheetForm`` with
the pydantic form models), their scores and their findings; the main process, which competes
with the workers for the same two cores, took ~0.7 MB and rebuilt ~25,000 objects per 100-form
workbook. ``dumps`` is ``pickle`` with three changes, all about that cost, none about what comes
out: ``loads`` gives back objects equal to the ones sent field for field, with the same
``__dict__`` keys in the same order, and pydantic models with the same fields set, extra and
private values (they, frozen dataclasses and errors are pickled exactly as pickle does).

- A plain dataclass (not frozen, the ``__init__`` that ``@dataclass`` wrote, no
  ``__post_init__``: the findings, ``Loaded``, ``SheetForm``, a project form's score) is sent as
  its class and its field values and rebuilt by calling the class. Plain pickle sent every
  field's name beside its value and rebuilt each object from a dict, key by key; the call costs
  the main process ~20 % fewer instructions for a workbook, and the object stores its values
  the compact way CPython stores attributes set in ``__init__``, as the worker's did.
- A pydantic model with no extra and no private values (every form model) is sent as its
  class, its field dict and its set of fields set, and rebuilt by one call (``_model``) that
  sets the four slots ``BaseModel.__setstate__`` sets; pickle sent a four-key state dict and
  called that method (~10 % of a workbook's loading, ~15 % of its sending, measured).
- Equal strings made apart are sent once (``_SHARED``): the same message for many forms, and
  every finding's ``file#sheet`` source, made afresh per finding. Pickle shares only the *same*
  object, so every copy travelled and was decoded again. Strings are immutable: only the number
  of copies changes. (Sharing more fields, e.g. indicator names, cost the worker more than it
  saved the main process, measured in instructions.)
- The field names and the classes go first (``header``): pickle numbers what it has sent and
  refers to the first 256 in two bytes, to the others in five.

The bytes are an ordinary pickle; its rebuilds are the classes themselves. A result cache keeps
them (``resultcache``): its key covers jixiao's source files, so bytes are only ever read by the
code that wrote them, and bytes that do not load are thrown away (``batch._unpacked``).
"""

from __future__ import annotations

import copyreg
import dataclasses
import io
import pickle
from functools import partial
from operator import itemgetter
from typing import Any, Callable, Iterable

__all__ = ["dumps", "loads"]

# The text fields whose values repeat across the forms of one workbook, by class name.
_SHARED: dict[str, tuple[str, ...]] = {"Finding": ("message", "source")}
_MODEL_STATE = ("__dict__", "__pydantic_extra__", "__pydantic_fields_set__", "__pydantic_private__")

Plan = Callable[[dict, Any], Any]
_PLANS: dict[type, Plan] = {}
_HEADERS: dict[tuple[str, ...], tuple] = {}  # the kinds' keys -> their header


def _by_init(cls: type) -> bool:
    """A dataclass that its generated ``__init__`` rebuilds from its field values, in order,
    and that pickle would otherwise rebuild from its ``__dict__`` alone."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or params.frozen or not params.init or hasattr(cls, "__post_init__"):
        return False
    if ("__slots__" in vars(cls) or cls.__reduce_ex__ is not object.__reduce_ex__
            or cls.__reduce__ is not object.__reduce__ or hasattr(cls, "__setstate__")
            or getattr(cls, "__getstate__", None) is not object.__getstate__):
        return False
    code = getattr(vars(cls).get("__init__"), "__code__", None)
    return (code is not None and code.co_filename == "<string>"  # written by @dataclass, not by hand
            and all(f.init and not f.kw_only for f in dataclasses.fields(cls)))


def _plan(cls: type) -> Plan | None:
    """How ``dumps`` reduces an instance of ``cls``, or None: as pickle does."""
    if _plain_model(cls):
        return _by_model_state
    if not _by_init(cls):
        return None
    names = tuple(f.name for f in dataclasses.fields(cls))
    keys = list(names)
    values = itemgetter(*names) if len(names) > 1 else (lambda d: (d[names[0]],))
    at = tuple(names.index(n) for n in _SHARED.get(cls.__name__, ()) if n in names)

    def by_init(seen: dict, obj: Any) -> Any:
        d = obj.__dict__
        if list(d) != keys:  # an attribute more, or set in another order: as pickle does
            return obj.__reduce_ex__(pickle.HIGHEST_PROTOCOL)
        vals = values(d)
        if not at:
            return cls, vals
        vals = list(vals)
        for i in at:
            v = vals[i]
            if v.__class__ is str:  # never a number: 1 == 1.0 == True would share across types
                vals[i] = seen.setdefault(v, v)
        return cls, tuple(vals)
    return by_init


def _plain_model(cls: type) -> bool:
    """A pydantic model that pickle would rebuild through ``BaseModel.__setstate__`` (none of
    the four is overridden) and that keeps its state in the slots ``_MODEL_STATE`` names."""
    from pydantic import BaseModel

    return (isinstance(cls, type) and issubclass(cls, BaseModel) and cls.__setstate__ is BaseModel.__setstate__
            and cls.__getstate__ is BaseModel.__getstate__ and cls.__reduce_ex__ is object.__reduce_ex__
            and cls.__reduce__ is object.__reduce__ and all(not vars(c).get("__slots__") for c in cls.__mro__
                                                             if c is not BaseModel and c is not object))


_new, _setattr = object.__new__, object.__setattr__


def _model(cls: type, fields: dict, fields_set: set) -> Any:
    """A pydantic model with no extra and no private values, as ``BaseModel.__setstate__`` makes
    it from the state ``__getstate__`` gives: one call instead of a state dict and that method."""
    m: Any = _new(cls)
    _setattr(m, "__pydantic_fields_set__", fields_set)
    _setattr(m, "__pydantic_extra__", None)
    _setattr(m, "__pydantic_private__", None)
    _setattr(m, "__dict__", fields)
    return m


def _by_model_state(_seen: dict, obj: Any) -> Any:
    """``_model``'s arguments for ``obj``; a model with extra or private values: as pickle does.
    The loading side saves ~15 % of a form's time, the sending side ~30 % (issue #18)."""
    if obj.__pydantic_extra__ is None and obj.__pydantic_private__ is None:
        return _model, (obj.__class__, obj.__dict__, obj.__pydantic_fields_set__)
    return obj.__reduce_ex__(pickle.HIGHEST_PROTOCOL)


def header(kinds: Iterable[str] | None = None) -> tuple:
    """The field names and classes of a batch's results (module doc), found from what the kinds
    declare: each kind's model and the type its ``score`` returns, then their fields' types.
    Made once (~2 ms); ``batch.warm`` makes it before the workers fork.

    ``kinds``: the keys of the kinds whose forms the results hold (None: every kind). Bytes of
    project forms alone then name no class of another kind, so loading them imports none of
    that kind's modules (the department form's scoring: ~25 ms of a one-file ``check``; issue #18)."""
    from .forms import KINDS

    wanted = [k for k in KINDS if kinds is None or k.key in kinds]
    key = tuple(k.key for k in wanted)
    got = _HEADERS.get(key)
    if got is not None:
        return got
    from typing import get_args, get_type_hints

    from .core.findings import Finding
    from .sources import Loaded

    todo: list[Any] = [Loaded, Finding]
    for kind in wanted:
        todo.append(kind.model_type())
        try:
            todo.append(get_type_hints(kind.part("score")).get("return"))
        except Exception:  # noqa: BLE001 - the header only makes the bytes smaller
            pass
    classes: list[type] = []
    names: dict[str, None] = dict.fromkeys(_MODEL_STATE)
    while todo:
        t = todo.pop(0)
        if not isinstance(t, type):
            todo.extend(get_args(t))  # list[X], X | None, dict[str, X]
            continue
        if t in classes:
            continue
        model_fields = getattr(t, "__pydantic_fields__", None)
        if model_fields is not None:
            names.update(dict.fromkeys(model_fields))
            todo.extend(f.annotation for f in model_fields.values())
        elif dataclasses.is_dataclass(t):
            if not _by_init(t):  # pickled with its field names
                names.update(dict.fromkeys(f.name for f in dataclasses.fields(t)))
            try:
                todo.extend(get_type_hints(t).values())
            except Exception:  # noqa: BLE001 - as above
                pass
        else:
            continue
        classes.append(t)
    for cls in classes:
        plan = _plan(cls)
        if plan is not None:
            _PLANS[cls] = plan
    got = _HEADERS[key] = (*names, *classes, _model)
    return got


def dumps(obj: Any, kinds: Iterable[str] | None = None) -> bytes:
    """``obj`` as bytes for ``loads`` (module doc); ``kinds``: those of the forms it holds (``header``)."""
    head = header(kinds)
    seen: dict[str, str] = {}  # the strings of the _SHARED fields met so far, each the one sent
    buf = io.BytesIO()
    pickler = pickle.Pickler(buf, pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = {**copyreg.dispatch_table, **{cls: partial(plan, seen) for cls, plan in _PLANS.items()}}
    try:
        pickler.dump((head, obj))
    except RecursionError:  # an object inside its own fields (none is): rebuilt by a call, it could not be
        return pickle.dumps((head, obj), pickle.HIGHEST_PROTOCOL)
    return buf.getvalue()


def loads(data: bytes) -> Any:
    """What ``dumps`` was given; bytes that are not its (damaged, another format) raise."""
    head, obj = pickle.loads(data)
    if not isinstance(head, tuple):
        raise pickle.UnpicklingError("not the bytes of jixiao.wire.dumps")
    return obj
