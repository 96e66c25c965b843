"""A small state machine declared as data, shared by the appeals, reports and catalogue workflows.

Pure Python (no Django): a machine is a list of transitions plus the labels of its states.
``fire(state, action)`` returns the target state or raises TransitionRefused with a Chinese message
naming the current state's label and the action's label; ``available(state)`` lists what may be done.
Who may fire a transition (``role``) is recorded here but checked by the caller.

(applications.workflow has declarative guards on each transition and stays separate.)
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

DEFAULT_REFUSAL = "当前状态为“{state}”，不能{action}（仅限{allowed}）"


@dataclass(frozen=True)
class Transition:
    action: str
    label: Any  # str, or a lazy translation
    sources: frozenset
    target: Any
    role: str | None = None  # the role that may fire it, checked by the caller


class TransitionRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


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

    def __getitem__(self, action: str) -> Transition:
        return self.transitions[action]

    def __contains__(self, action: str) -> bool:
        return action in self.transitions

    def get(self, action: str) -> Transition | None:
        return self.transitions.get(action)

    def label(self, state) -> str:
        return str(self.state_labels.get(state, state))

    def fire(self, state, action: str):
        """The target state of ``action`` from ``state``, or TransitionRefused."""
        transition = self.transitions.get(action)
        if transition is None:
            raise TransitionRefused(self.unknown.format(action=action))
        if state not in transition.sources:
            separator = self.separator() if callable(self.separator) else self.separator
            allowed = separator.join(self.label(s) for s in self.state_labels if s in transition.sources)
            values = {"state": self.label(state), "action": str(transition.label), "allowed": allowed}
            if callable(self.refusal):
                message = self.refusal(**values)
            else:
                message = self.refusal.format(**values)
            raise TransitionRefused(message)
        return transition.target

    def available(self, state) -> list[Transition]:
        """The transitions that may be fired from ``state``, in declaration order."""
        return [t for t in self.transitions.values() if state in t.sources]
