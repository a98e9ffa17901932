--liquibase formatted sql

--changeset sample:seed-rooms
INSERT INTO rooms (name) VALUES ('Lovelace'), ('Hopper');
