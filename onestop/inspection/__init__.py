"""Quality inspection (质检): scorecards, samples of cases, calls and visits,
inspectors' scores, calibration, appeals, mystery shopping."""
