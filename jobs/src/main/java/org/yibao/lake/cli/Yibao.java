package org.yibao.lake.cli;
public final class Yibao { public static void main(String[] a) { } }
