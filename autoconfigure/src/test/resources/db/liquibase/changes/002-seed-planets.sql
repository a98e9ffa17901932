--liquibase formatted sql

--changeset dbisolation:seed-planets
INSERT INTO planets (name) VALUES ('Mercury'), ('Venus'), ('Earth');
