"""The rule framework: findings, the Rule protocol and registry, the engine that runs rules on a draft,
selection, suppression, fixes, the score and configuration."""
