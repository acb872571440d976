/**
 * Files written so that nothing is ever half-written (atomic files and folders) and the project's JSON mapper;
 * imports nothing of the project.
 */
package dev.augur.io;
