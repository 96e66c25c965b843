from .document import Document
from .plan import Plan, PlanState
from .redaction import Redaction

__all__ = ["Document", "Plan", "PlanState", "Redaction"]
