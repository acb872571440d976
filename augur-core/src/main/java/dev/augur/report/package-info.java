/**
 * Charts (XChart PNG), animated GIFs and self-contained HTML pages.
 */
package dev.augur.report;
