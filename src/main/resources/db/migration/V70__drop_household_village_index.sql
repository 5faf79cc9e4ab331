-- household_village (V5) was made for filtering by village, but on village COLLATE NOCASE: every query
-- that names household.village compares or orders it with the column's own BINARY collation
-- (RenewalStore's village scope and village list, CoverageStore's GROUP BY / ORDER BY), which such an
-- index cannot serve. EXPLAIN QUERY PLAN never chose it (QueryPlanTest.noQueryUsesTheVillageIndex);
-- it only cost an index write for every household an import or a save creates (issue 19).
DROP INDEX IF EXISTS household_village;
