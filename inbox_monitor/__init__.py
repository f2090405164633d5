"""inbox-monitor: know where every hiring process stands when the phone doesn't ring."""

__version__ = "0.1.0"
