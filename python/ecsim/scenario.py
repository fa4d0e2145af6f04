"""Scenarios: a source (a file, YAML text or a dict) plus PATH=VALUE overrides.

A Scenario keeps what it was made from, not the parsed result, so it is
cheap to copy and pickle (a sweep ships scenarios to workers) and every
override goes through the same C++ loader as `ecsim run --set`: types and
values are checked the same way, with the same messages.
"""

from __future__ import annotations

import datetime
import json
import numbers
import os
from collections.abc import Iterable, Mapping

from . import _ecsim
from ._ecsim import InputError

_MAX_SEED = 2**64 - 1
_UNSET = object()


def _check_seed(seed):
    if seed is None:
        return None
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or not 0 <= seed <= _MAX_SEED:
        raise InputError(f"seed must be a whole number from 0 to {_MAX_SEED}, got {seed!r}")
    return int(seed)


def _json_default(value):
    if isinstance(value, datetime.timedelta):  # also pandas.Timedelta
        return f"{round(value.total_seconds() * 1000)}ms"
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if hasattr(value, "tolist"):  # numpy scalars and arrays
        return value.tolist()
    raise TypeError(f"cannot write a {type(value).__name__} into a scenario")


def _override_value(value) -> str:
    """The VALUE of PATH=VALUE. A str is taken as written, as on the command
    line ("2h", "FARGATE_SPOT"); anything else becomes JSON, which YAML reads."""
    if isinstance(value, str):
        return value
    return json.dumps(value, default=_json_default)


def _overrides(set_) -> list[str]:
    """Normalises set=: a mapping {path: value}, one "PATH=VALUE" string or a list of them."""
    if set_ is None:
        return []
    if isinstance(set_, Mapping):
        return [f"{path}={_override_value(value)}" for path, value in set_.items()]
    if isinstance(set_, str):
        return [set_]
    if isinstance(set_, Iterable):
        items = list(set_)
        if all(isinstance(item, str) for item in items):
            return items
    raise TypeError('set must be a dict {"path": value}, a "PATH=VALUE" string or a list of them')


class Scenario:
    """A scenario to simulate: a file or text, a seed, and overrides.

    Made by ecsim.load(path), Scenario.from_yaml(text) or Scenario.from_dict(d);
    each loads and validates at once, so a broken file fails where it is
    named. set() only records an override; it is checked at the next
    validate() or run, so interdependent values can be set one at a time.
    """

    def __init__(self, path, *, seed=None, set=None):
        self._init(path=os.fspath(path), text=None, name=None, seed=seed, overrides=_overrides(set))
        self._load()

    def _init(self, *, path, text, name, seed, overrides):
        self._path = path
        self._text = text
        self._name = name
        self._seed = _check_seed(seed)
        self._overrides = list(overrides)
        self._loaded = None  # the C++ LoadedScenario for the current state

    @classmethod
    def from_yaml(cls, text: str, name: str = "<string>", *, seed=None, set=None) -> Scenario:
        """A scenario from YAML (or JSON) text; `name` stands for the file in
        error messages. `file:` entries resolve relative to the current folder."""
        if not isinstance(text, str):
            raise TypeError(f"from_yaml takes the YAML text as a str, got {type(text).__name__}")
        scenario = cls.__new__(cls)
        scenario._init(path=None, text=text, name=name, seed=seed, overrides=_overrides(set))
        scenario._load()
        return scenario

    @classmethod
    def from_dict(cls, d: Mapping, name: str = "<dict>", *, seed=None, set=None) -> Scenario:
        """A scenario from nested dicts and lists shaped like a scenario file.
        Error positions refer to the dict written as indented JSON."""
        text = json.dumps(d, indent=2, default=_json_default)
        return cls.from_yaml(text, name=name, seed=seed, set=set)

    # ------------------------------------------------------------ state

    @property
    def path(self) -> str | None:
        """The scenario file, or None for text and dicts."""
        return self._path

    @property
    def overrides(self) -> tuple[str, ...]:
        """The PATH=VALUE overrides, in the order they apply."""
        return tuple(self._overrides)

    @property
    def seed(self) -> int:
        """The seed a run uses: the one set here, else simulation.seed."""
        return self._seed if self._seed is not None else self._load().seed

    @seed.setter
    def seed(self, value):
        self._seed = _check_seed(value)
        self._loaded = None

    @property
    def name(self) -> str:
        """The scenario's name (names the output folder of `ecsim run`)."""
        return self._load().name

    @property
    def duration(self) -> float:
        """simulation.duration in seconds."""
        return self._load().duration_ms / 1000.0

    @property
    def services(self) -> list[str]:
        """Service names, in scenario order."""
        return list(self._load().service_names)

    def set(self, path, value=_UNSET) -> Scenario:
        """Adds an override, as `ecsim run --set PATH=VALUE` does; returns self.

        scenario.set("services.web.desiredCount", 8)
        scenario.set("simulation.duration", "4h")
        scenario.set({"services.web.desiredCount": 8, "simulation.seed": 3})
        scenario.set("services.web.desiredCount=8")
        """
        if value is _UNSET:
            self._overrides.extend(_overrides(path))
        else:
            if not isinstance(path, str):
                raise TypeError(f"the override path must be a str, got {type(path).__name__}")
            self._overrides.append(f"{path}={_override_value(value)}")
        self._loaded = None
        return self

    def copy(self) -> Scenario:
        """An independent copy (same source, seed and overrides)."""
        other = type(self).__new__(type(self))
        other._init(path=self._path, text=self._text, name=self._name, seed=self._seed,
                    overrides=self._overrides)
        other._loaded = self._loaded  # immutable once loaded; shared safely
        return other

    def validate(self) -> list[str]:
        """Loads and checks everything; returns the warnings (as the CLI
        prints them) or raises ScenarioError listing every problem."""
        return [str(w) for w in self._load().warnings]

    def _load(self):
        if self._loaded is None:
            if self._path is not None:
                self._loaded = _ecsim.load_file(self._path, self._seed, self._overrides)
            else:
                self._loaded = _ecsim.load_text(self._text, self._name, self._seed, self._overrides)
        return self._loaded

    # ------------------------------------------------------------ python protocol

    def __getstate__(self):
        state = self.__dict__.copy()
        state["_loaded"] = None  # C++ state does not pickle; it reloads on use
        return state

    def __repr__(self) -> str:
        try:
            parts = [repr(self.name)]
        except Exception:  # a repr must not raise; the error shows on use
            parts = ["<invalid>"]
        parts.append(f"path={self._path!r}" if self._path is not None else f"source={self._name!r}")
        if self._seed is not None:
            parts.append(f"seed={self._seed}")
        if self._overrides:
            parts.append(f"overrides={self._overrides!r}")
        return f"Scenario({', '.join(parts)})"


def load(path, seed=None, set=None) -> Scenario:
    """Reads and validates a scenario file (`file:` entries resolve relative
    to it). seed replaces simulation.seed; set= takes overrides as
    Scenario.set does. Raises ScenarioError listing every problem."""
    return Scenario(path, seed=seed, set=set)
