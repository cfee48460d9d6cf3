-- The tenant origins of the admin flow (POST /admin/tenants). Boot runs this script on the
-- embedded H2 database at startup (spring.sql.init.mode defaults to embedded): the table
-- starts empty on every start. TenantOriginsCustomizer adds these origins to the api policy
-- whenever the CORS policies are compiled.
CREATE TABLE IF NOT EXISTS tenant_origin (
    origin   VARCHAR(300)             NOT NULL PRIMARY KEY,
    added_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);
