package dev.corsstarter.sample.tenant;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code tenant_origin} table (schema.sql) of the embedded database, through
 * {@link JdbcClient}. Every call is a statement of its own, committed at once: the
 * callers hold no transaction (see {@link TenantOnboarding} for why).
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

	boolean contains(String origin) {
		return this.jdbc.sql("SELECT COUNT(*) FROM tenant_origin WHERE origin = :origin")
			.param("origin", origin)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Stores the origin, committed when this returns (one statement, no transaction of
	 * the caller's: see {@link TenantOnboarding}).
	 * @throws org.springframework.dao.DuplicateKeyException when the origin is stored
	 * already
	 */
	void insert(String origin) {
		this.jdbc.sql("INSERT INTO tenant_origin (origin) VALUES (:origin)").param("origin", origin).update();
	}

	/** Removes the origin, when stored. */
	void delete(String origin) {
		this.jdbc.sql("DELETE FROM tenant_origin WHERE origin = :origin").param("origin", origin).update();
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
