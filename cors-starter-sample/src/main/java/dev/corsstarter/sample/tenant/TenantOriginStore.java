package dev.corsstarter.sample.tenant;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code tenant_origin} table (schema.sql) of the embedded database, through
 * {@link JdbcClient}. Inside a transaction the reads see that transaction's own inserts, which
 * is what lets {@link TenantOnboarding} compile a new origin in before committing it.
 */
@Repository
@DependsOnDatabaseInitialization
class TenantOriginStore {

	private final JdbcClient jdbc;

	TenantOriginStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Every stored origin, oldest first. */
	List<TenantOrigin> findAll() {
		return this.jdbc.sql("SELECT origin, added_at FROM tenant_origin ORDER BY added_at, origin")
			.query((row, number) -> new TenantOrigin(row.getString("origin"),
					row.getObject("added_at", OffsetDateTime.class).toInstant().toString()))
			.list();
	}

	/** Every stored origin, oldest first. */
	List<String> origins() {
		return findAll().stream().map(TenantOrigin::origin).toList();
	}

	/** @throws org.springframework.dao.DuplicateKeyException when the origin is stored already */
	void insert(String origin) {
		this.jdbc.sql("INSERT INTO tenant_origin (origin) VALUES (:origin)").param("origin", origin).update();
	}

	/**
	 * One stored tenant origin.
	 *
	 * @param origin the origin as added, e.g. {@code https://acme.example}
	 * @param addedAt when it was added, ISO-8601
	 */
	record TenantOrigin(String origin, String addedAt) {
	}

}
