"""Checking forms: the rule catalogue and the run that applies it.

``rules/`` holds the catalogue (one module per group of rules, each rule a code, a
severity and a function over one form or a batch), ``config`` the bureau's own settings
for it (rules on/off, severities, thresholds, local name lists), and ``run`` what the 校验
button and ``jixiao check`` call: load a batch, score each form, apply every rule, and
return located findings. The form kinds other than the project form keep their rules in
their own folder (``FormKind.rules_module``) and register them in the same catalogue.
"""
