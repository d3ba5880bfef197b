"""The synthetic council: a simulated history of children's social care written out as returns."""

from clearsight.synth.run import run_synth

__all__ = ["run_synth"]
