-- Contents of a file of schema version 1 (see docs/file-format.md), as
-- Consort 0.1 wrote them: used by test-document to check the migration
-- to the current version keeps every figure.  The DDL comes from
-- consort_schema_ddl (1).
INSERT INTO appraisal (singleton, title, description, first_year, years, currency, discount_rate)
  VALUES (1, 'Children''s services shared options (v1)', NULL, 2010, 4, 'GBP', 35000);
INSERT INTO default_rates (position, model, min_partners, rate) VALUES
  (0, 'shared_service', 2, 30000),
  (1, 'shared_service', 3, 40000),
  (2, 'joint_commissioning', 2, 20000);
INSERT INTO boroughs (id, position, name, population) VALUES
  ('wcc', 0, 'Westminster', 253100),
  ('hf', 1, 'Hammersmith & Fulham', 172200);
INSERT INTO services (id, position, name) VALUES
  ('education', 0, 'Education Services'),
  ('commissioning', 1, 'Commissioning');
INSERT INTO baselines (service_id, borough_id, position, budget, fte, management_posts, overheads, outsourced) VALUES
  ('education', 'wcc', 0, 1750000000, 120000000, 6000000, 12500050, 0),
  ('education', 'hf', 1, 1210000000, 95500000, 4000000, 0, 0),
  ('commissioning', 'hf', 0, 430000000, 12000000, 1000000, 0, 1);
INSERT INTO options (id, position, name, description) VALUES
  ('1a', 0, 'Option 1A', 'Two-borough shared education service'),
  ('2', 1, 'Option 2', NULL);
INSERT INTO participants (option_id, position, borough_id, from_year) VALUES
  ('1a', 0, 'wcc', 2010),
  ('1a', 1, 'hf', 2011),
  ('2', 0, 'hf', 2010);
INSERT INTO savings_items (id, option_id, position, label, service_id, method, borough_id, share,
                           has_rate, rate, model, start_year, start_month) VALUES
  (1, '1a', 0, 'Management posts', 'education', 'posts', NULL, 'equal', 0, 0, NULL, 2011, 9),
  (2, '1a', 1, NULL, 'education', 'amounts', 'wcc', 'default', 0, 0, NULL, 0, 0),
  (3, '1a', 2, 'Procurement', 'education', 'rate', NULL, 'custom', 0, 0, 'shared_service', 2012, 0),
  (4, '2', 0, NULL, 'commissioning', 'rate', 'hf', 'default', 1, 25000, NULL, 2010, 0);
INSERT INTO posts (item_id, position, title, fte, cost) VALUES
  (1, 0, 'Admissions manager', 1000000, 6000000),
  (1, 1, 'Head of school improvement', 500000, 8550050);
INSERT INTO phasing (item_id, position, fraction) VALUES
  (1, 0, 100000), (1, 1, 550000), (1, 2, 1000000);
INSERT INTO savings_amounts (item_id, position, year, amount) VALUES
  (2, 0, 2011, 33500000), (2, 1, 2012, 41000000);
INSERT INTO custom_shares (savings_item_id, cost_item_id, position, borough_id, weight) VALUES
  (3, NULL, 0, 'wcc', 600000), (3, NULL, 1, 'hf', 400000);
INSERT INTO cost_items (id, option_id, position, label, kind, service_id, borough_id, share, form,
                        year, amount, posts, unit_cost) VALUES
  (1, '1a', 0, NULL, 'redundancy', NULL, 'wcc', 'default', 'posts', 2010, 0, 5000000, 4130000),
  (2, '1a', 1, 'Project team', 'project_management', 'education', NULL, 'savings', 'amounts', 0, 0, 0, 0),
  (3, '2', 0, NULL, 'ict_investment', NULL, 'hf', 'default', 'amount', 2011, 2500000, 0, 0);
INSERT INTO cost_amounts (item_id, position, year, amount) VALUES
  (2, 0, 2010, 4066000), (2, 1, 2011, 2033000);
INSERT INTO feasibility (option_id, position, service_id, existing_arrangements, market_maturity,
                         delivery_capability, legal_complexity) VALUES
  ('1a', 0, 'education', 1, 2, 1, 3),
  ('1a', 1, 'commissioning', 2, 2, 0, 1);
