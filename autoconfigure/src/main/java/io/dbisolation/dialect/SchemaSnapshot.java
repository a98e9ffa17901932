package io.dbisolation.dialect;

import java.util.List;
import java.util.Map;

/**
 * A captured schema: the statements that recreate its objects, in an order that works,
 * and the columns to copy from each table that holds rows.
 *
 * @param source the captured schema's name
 * @param tableNames the names of the tables, without sequences
 * @param sequenceNames the names of the sequences (MariaDB)
 * @param tables statements that create the sequences, then the tables with their keys
 * @param views statements that create the views, in dependency order
 * @param afterData statements that create triggers and routines, run after the rows are
 * copied so that triggers do not fire on them
 * @param rowsToCopy the insertable columns of each table that holds rows and of each
 * sequence, by name
 */
public record SchemaSnapshot(String source, List<String> tableNames, List<String> sequenceNames, List<String> tables,
		List<String> views, List<String> afterData, Map<String, List<String>> rowsToCopy) {

	public SchemaSnapshot {
		tableNames = List.copyOf(tableNames);
		sequenceNames = List.copyOf(sequenceNames);
		tables = List.copyOf(tables);
		views = List.copyOf(views);
		afterData = List.copyOf(afterData);
		rowsToCopy = Map.copyOf(rowsToCopy);
	}

	/**
	 * The number of objects the snapshot recreates.
	 * @return sequences, tables, views, triggers and routines, counted
	 */
	public int objectCount() {
		return this.tables.size() + this.views.size() + this.afterData.size();
	}

}
