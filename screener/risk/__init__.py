"""The risk rule engine: rule packs as data, typed facts, safe conditions, assessments.

packs.py loads and validates YAML packs; conditions.py compiles their `when` expressions
with rule-engine against facts.py; case_facts.py builds facts from a stored case;
engine.py scores; service.py stores assessments and reproduces them; whatif.py compares.
"""
