"""A small state machine declared as data, shared by the appeals, reports and catalogue workflows.

Pure Python (no Django): a machine is a list of transitions plus the labels of its states.
``fire(state, action, facts)`` returns the target state or raises TransitionRefused with a Chinese
message naming the current state's label and the action's label, or the reasons of the transition's
guards that do not hold; ``available(state)`` lists what may be done. Who may fire a transition
(``role``) is recorded here but checked by the caller.

A guard is data too, (fact, expected value, message), read from a facts object the caller fills,
so the pages, the docs and the tests read the same rules. Every app's workflow is a ``Machine``;
applications.workflow rewords the refusals (they also name the actions possible now).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

DEFAULT_REFUSAL = "当前状态为“{state}”，不能{action}（仅限{allowed}）"
DEFAULT_GUARD_REFUSAL = "当前状态为“{state}”，不能{action}：{reasons}"


@dataclass(frozen=True)
class Guard:
    """The transition is allowed only when ``getattr(facts, fact)`` is truthy == ``expect``."""

    fact: str
    expect: bool
    message: Any  # why it is refused: str, lazy, or marked for translation (the refusal renders it)

    def holds(self, facts) -> bool:
        return bool(getattr(facts, self.fact)) == self.expect


@dataclass(frozen=True)
class Transition:
    action: str
    label: Any  # str, or a lazy translation
    sources: Collection
    target: Any  # None: stays in the source state
    role: str | None = None  # the role that may fire it, checked by the caller
    guards: tuple[Guard, ...] = ()

    def target_for(self, source):
        return source if self.target is None else self.target

    def failed_guards(self, facts) -> tuple[Guard, ...]:
        return tuple(g for g in self.guards if not g.holds(facts))


class TransitionRefused(Exception):
    def __init__(self, message: str, state=None, action: str | None = None, reasons: tuple[str, ...] = ()):
        super().__init__(message)
        self.message = message
        self.state = state
        self.action = action
        self.reasons = reasons  # the messages of the guards that did not hold


# A refusal is a str.format template with {state}, {action} and {allowed} (the allowed states'
# labels joined by the machine's separator), or a callable taking the same three as keywords (e.g.
# to translate at call time).
Refusal = str | Callable[..., str]


class Machine:
    def __init__(
        self,
        transitions: Iterable[Transition],
        state_labels: Mapping[Any, Any],
        refusal: Refusal = DEFAULT_REFUSAL,
        unknown: str = "未知的操作：{action}",
        separator: str | Callable[[], str] = "、",
        guard_refusal: Refusal = DEFAULT_GUARD_REFUSAL,
    ):
        self.transitions: dict[str, Transition] = {}
        for t in transitions:
            if t.action in self.transitions:
                raise ValueError(f"duplicate action {t.action!r}")
            self.transitions[t.action] = t
        self.state_labels = dict(state_labels)
        self.refusal = refusal
        self.unknown = unknown
        self.separator = separator  # between the allowed states' labels; a callable: chosen at refusal
        self.guard_refusal = guard_refusal  # {state}, {target}, {action} and {reasons} (joined by "；")

    def __getitem__(self, action: str) -> Transition:
        return self.transitions[action]

    def __contains__(self, action: str) -> bool:
        return action in self.transitions

    def get(self, action: str) -> Transition | None:
        return self.transitions.get(action)

    def label(self, state) -> str:
        return str(self.state_labels.get(state, state))

    def fire(self, state, action: str, facts=None):
        """The target state of ``action`` from ``state`` when its guards hold under ``facts``, or
        TransitionRefused."""
        transition = self.transitions.get(action)
        if transition is None:
            raise TransitionRefused(self.unknown.format(action=action), state, action)
        if state not in transition.sources:
            separator = self.separator() if callable(self.separator) else self.separator
            allowed = separator.join(self.label(s) for s in self.state_labels if s in transition.sources)
            values = {"state": self.label(state), "action": str(transition.label), "allowed": allowed}
            raise TransitionRefused(_render(self.refusal, values), state, action)
        failed = transition.failed_guards(facts)
        if failed:
            reasons = tuple(str(g.message) for g in failed)
            values = {
                "state": self.label(state),
                "target": self.label(transition.target_for(state)),
                "action": str(transition.label),
                "reasons": reasons,
            }
            if not callable(self.guard_refusal):
                values["reasons"] = "；".join(reasons)
            raise TransitionRefused(_render(self.guard_refusal, values), state, action, reasons)
        return transition.target_for(state)

    def available(self, state) -> list[Transition]:
        """The transitions that may be fired from ``state``, in declaration order."""
        return [t for t in self.transitions.values() if state in t.sources]


def _render(refusal: Refusal, values: dict) -> str:
    return refusal(**values) if callable(refusal) else refusal.format(**values)
