/**
 * Optional: the Kaggle MABe Parquet layout (tracking and annotations), read through DuckDB.
 */
package dev.augur.parquet;
