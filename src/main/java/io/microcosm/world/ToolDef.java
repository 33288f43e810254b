package io.microcosm.world;

/**
 * An item that works as a tool for gathering, carried or equipped.
 *
 * @param kind what sort of tool it is ("pickaxe", "axe", "sickle", "rod"); resource nodes name the kind they need
 * @param power added to gathering power when this tool is used
 */
public record ToolDef(String kind, int power) {}
