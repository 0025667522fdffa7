from . import duty_reinforce_wizard
