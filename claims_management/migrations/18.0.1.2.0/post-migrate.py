"""18.0.1.2.0: every cover has an event window; the insured roster keeps its history.

* Covers without an event window (0, "no clause" before) take the 72 hours of the clause.
* Each roster entry gets its first period from its cover dates; an entry archived before the
  history was kept is taken as removed on the day it was last written.
"""


def migrate(cr, version):
    cr.execute(
        "UPDATE insurance_policy_coverage SET event_window_hours = 72 WHERE COALESCE(event_window_hours, 0) <= 0"
    )
    cr.execute(
        """
        INSERT INTO insurance_policy_insured_period
               (insured_id, policy_id, company_id, date_from, date_to, change,
                create_uid, create_date, write_uid, write_date)
        SELECT i.id, i.policy_id, i.company_id, i.date_from,
               CASE WHEN i.active THEN i.date_to
                    ELSE LEAST(COALESCE(i.date_to, i.write_date::date), i.write_date::date) END,
               CASE WHEN i.active THEN 'added' ELSE 'archived' END,
               i.create_uid, i.create_date, i.write_uid, i.write_date
          FROM insurance_policy_insured i
         WHERE NOT EXISTS (SELECT 1 FROM insurance_policy_insured_period p WHERE p.insured_id = i.id)
        """
    )
