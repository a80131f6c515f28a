"""Item pipelines: validate -> normalise -> store. One job each (see settings.ITEM_PIPELINES)."""
