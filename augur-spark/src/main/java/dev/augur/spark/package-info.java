/**
 * Optional: burst labels, forecasts and summaries of video archives on Apache Spark.
 */
package dev.augur.spark;
