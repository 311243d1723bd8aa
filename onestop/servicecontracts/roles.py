"""Who may do what with service contracts (merged by ``onestop.organisations.roles``).

Clerks and technicians record the services given and read the contracts;
supervisors and managers also quote, bill and read the figures;
administrators set up contracts and the rate card.
"""

from __future__ import annotations

from onestop.organisations.roles import Role

_READ = ["servicecontracts.view_servicecontract", "servicecontracts.view_bill"]
_RECORD = ["servicecontracts.add_servicerequest"]
_MONEY = [
    "servicecontracts.add_quote",
    "servicecontracts.change_quote",
    "servicecontracts.change_bill",
    "servicecontracts.view_contract_figures",
    "servicecontracts.view_ratecard",
]
_SETUP = ["servicecontracts.add_servicecontract", "servicecontracts.add_ratecard"]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.CLERK: _READ + _RECORD,
    Role.TECHNICIAN: _READ + _RECORD,
    Role.SUPERVISOR: _READ + _RECORD + _MONEY,
    Role.MANAGER: _READ + _RECORD + _MONEY,
    Role.ADMINISTRATOR: _READ + _RECORD + _MONEY + _SETUP,
}
